build/obj/report_junit.o: src/report_junit.c src/report.h src/grade.h \
 src/catalog.h src/util.h src/value.h src/runner.h
