build/obj/report_html.o: src/report_html.c src/report.h src/grade.h \
 src/catalog.h src/util.h src/value.h src/runner.h
