build/obj/cmd_new.o: src/cmd_new.c src/cmd.h src/catalog.h src/util.h \
 src/value.h src/grade.h src/runner.h
