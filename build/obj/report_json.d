build/obj/report_json.o: src/report_json.c /usr/include/cjson/cJSON.h \
 src/report.h src/grade.h src/catalog.h src/util.h src/value.h \
 src/runner.h
