build/obj/cmd_run.o: src/cmd_run.c src/cmd.h src/catalog.h src/util.h \
 src/value.h src/grade.h src/runner.h src/plan.h src/report.h src/tui.h \
 src/edbuf.h src/state.h src/sched.h
