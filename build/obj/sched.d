build/obj/sched.o: src/sched.c src/sched.h
