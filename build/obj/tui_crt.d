build/obj/tui_crt.o: src/tui_crt.c src/tui.h src/catalog.h src/util.h \
 src/value.h src/edbuf.h src/grade.h src/runner.h src/state.h src/sched.h
