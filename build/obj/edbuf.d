build/obj/edbuf.o: src/edbuf.c src/edbuf.h src/util.h
