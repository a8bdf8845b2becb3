/*
 * sigterm-ignorer: a container that will not stop on SIGTERM, so tests can check that the
 * runtime waits out terminationGracePeriodSeconds and then kills it. Each SIGTERM is logged.
 * SIGINT still exits, for people running it by hand.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void on_term(int sig) {
    static const char line[] = "Received SIGTERM, ignoring it\n";
    (void)sig;
    write(STDOUT_FILENO, line, sizeof line - 1); /* async-signal-safe, unlike printf */
}

static void on_int(int sig) {
    (void)sig;
    _exit(0);
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_term;
    sigaction(SIGTERM, &sa, NULL);
    sa.sa_handler = on_int;
    sigaction(SIGINT, &sa, NULL);
    setvbuf(stdout, NULL, _IONBF, 0);
    printf("sigterm-ignorer started: SIGTERM will be ignored\n");
    for (;;) pause();
}
