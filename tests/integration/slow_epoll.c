/* slow_epoll: an LD_PRELOAD shim for tests/integration/searchd_concurrency.
 * The process's main thread waits 20 ms before each epoll_ctl(EPOLL_CTL_DEL)
 * and after a failed one prints the errno. That widens the window in which
 * libmicrohttpd's pool threads and a stop on the main thread touch the same
 * epoll registrations: a race that needs heavy load to show otherwise. */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

int epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev)
{
    static int (*real)(int, int, int, struct epoll_event *);
    if (!real) {
        void *sym = dlsym(RTLD_NEXT, "epoll_ctl");
        memcpy(&real, &sym, sizeof real);
    }
    int main_thread = gettid() == getpid();
    if (op == EPOLL_CTL_DEL && main_thread) {
        struct timespec ts = {0, 20 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    int r = real(epfd, op, fd, ev);
    if (r != 0 && op == EPOLL_CTL_DEL && main_thread) {
        int e = errno;
        fprintf(stderr, "slow_epoll: the main thread's EPOLL_CTL_DEL of fd %d failed: %s\n", fd,
                strerror(e));
        errno = e;
    }
    return r;
}
