build/obj/cmd_quiz.o: src/cmd_quiz.c src/cmd.h src/catalog.h src/util.h \
 src/value.h src/grade.h src/runner.h src/tui.h src/edbuf.h src/state.h \
 src/sched.h
