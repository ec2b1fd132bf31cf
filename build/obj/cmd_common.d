build/obj/cmd_common.o: src/cmd_common.c src/cmd.h src/catalog.h \
 src/util.h src/value.h src/grade.h src/runner.h
