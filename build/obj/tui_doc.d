build/obj/tui_doc.o: src/tui_doc.c src/tui.h src/catalog.h src/util.h \
 src/value.h src/edbuf.h src/grade.h src/runner.h src/state.h src/sched.h \
 src/highlight.h
