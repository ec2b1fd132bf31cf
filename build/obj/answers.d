build/obj/answers.o: src/answers.c src/answers.h src/util.h src/catalog.h \
 src/value.h
