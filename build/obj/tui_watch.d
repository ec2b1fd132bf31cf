build/obj/tui_watch.o: src/tui_watch.c src/tui.h src/catalog.h src/util.h \
 src/value.h src/edbuf.h src/grade.h src/runner.h src/state.h src/sched.h
