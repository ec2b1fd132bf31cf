build/obj/util.o: src/util.c src/util.h
