build/obj/catalog.o: src/catalog.c src/catalog.h src/util.h src/value.h
