build/obj/report_text.o: src/report_text.c src/report.h src/grade.h \
 src/catalog.h src/util.h src/value.h src/runner.h
