build/obj/cmd_list.o: src/cmd_list.c src/cmd.h src/catalog.h src/util.h \
 src/value.h src/grade.h src/runner.h
