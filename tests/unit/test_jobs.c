/* test_jobs: searchd's worker queue (searchd/jobs.c): every queued call
 * runs, jobs_stop runs what is queued before it returns, and a call
 * submitted after the stop is refused (not run, not queued) while the queue
 * stays valid until jobs_free. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "jobs.h"

#include <stdatomic.h>
#include <time.h>

static atomic_int ran;

static void count_call(void *arg)
{
    (void)arg;
    struct timespec ts = {0, 200 * 1000}; /* long enough for a queue to form */
    nanosleep(&ts, NULL);
    atomic_fetch_add(&ran, 1);
}

static void test_all_queued_run(void **state)
{
    (void)state;
    atomic_store(&ran, 0);
    jobs *j = jobs_start(2);
    assert_non_null(j);
    jobs_item items[200];
    for (int i = 0; i < 200; i++) {
        items[i].fn = count_call;
        items[i].arg = NULL;
        assert_int_equal(jobs_submit(j, &items[i]), 0);
    }
    jobs_stop(j); /* returns only once the queue is empty */
    assert_int_equal(atomic_load(&ran), 200);
    jobs_free(j);
}

static void test_submit_after_stop(void **state)
{
    (void)state;
    atomic_store(&ran, 0);
    jobs *j = jobs_start(1);
    assert_non_null(j);
    jobs_stop(j);
    jobs_item late = {.fn = count_call, .arg = NULL};
    assert_int_equal(jobs_submit(j, &late), -1);
    jobs_stop(j); /* a second stop is harmless */
    assert_int_equal(jobs_submit(j, &late), -1);
    assert_int_equal(atomic_load(&ran), 0);
    jobs_free(j);
    jobs_free(NULL);
    jobs_stop(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_queued_run),
        cmocka_unit_test(test_submit_after_stop),
    };
    return cmocka_run_group_tests_name("jobs", tests, NULL, NULL);
}
