build/obj/tui_grade.o: src/tui_grade.c src/tui.h src/catalog.h src/util.h \
 src/value.h src/edbuf.h src/grade.h src/runner.h src/state.h src/sched.h \
 src/plan.h
