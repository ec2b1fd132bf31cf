build/obj/tui_interview.o: src/tui_interview.c src/tui.h src/catalog.h \
 src/util.h src/value.h src/edbuf.h src/grade.h src/runner.h src/state.h \
 src/sched.h
