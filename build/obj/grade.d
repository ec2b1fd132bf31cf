build/obj/grade.o: src/grade.c src/grade.h src/catalog.h src/util.h \
 src/value.h src/runner.h
