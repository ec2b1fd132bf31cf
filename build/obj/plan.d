build/obj/plan.o: src/plan.c src/plan.h src/catalog.h src/util.h \
 src/value.h src/grade.h src/runner.h
