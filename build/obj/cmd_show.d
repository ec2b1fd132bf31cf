build/obj/cmd_show.o: src/cmd_show.c src/cmd.h src/catalog.h src/util.h \
 src/value.h src/grade.h src/runner.h
