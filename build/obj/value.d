build/obj/value.o: src/value.c src/value.h src/util.h
