build/obj/state.o: src/state.c src/state.h src/sched.h src/answers.h \
 src/util.h src/grade.h src/catalog.h src/value.h src/runner.h
