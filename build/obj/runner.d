build/obj/runner.o: src/runner.c src/runner.h src/catalog.h src/util.h \
 src/value.h src/child.h src/pyembed.h
