build/obj/report_tap.o: src/report_tap.c src/report.h src/grade.h \
 src/catalog.h src/util.h src/value.h src/runner.h
