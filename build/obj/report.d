build/obj/report.o: src/report.c src/report.h src/grade.h src/catalog.h \
 src/util.h src/value.h src/runner.h
