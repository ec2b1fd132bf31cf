build/obj/cmd_grade.o: src/cmd_grade.c src/answers.h src/util.h src/cmd.h \
 src/catalog.h src/value.h src/grade.h src/runner.h src/plan.h \
 src/report.h
