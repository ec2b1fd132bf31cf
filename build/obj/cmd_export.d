build/obj/cmd_export.o: src/cmd_export.c src/cmd.h src/catalog.h \
 src/util.h src/value.h src/grade.h src/runner.h src/state.h src/sched.h
