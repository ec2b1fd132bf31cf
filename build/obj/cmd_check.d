build/obj/cmd_check.o: src/cmd_check.c src/cmd.h src/catalog.h src/util.h \
 src/value.h src/grade.h src/runner.h src/plan.h
