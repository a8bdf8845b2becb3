/*
 * kubia: the HTTP server of the Kubernetes in Action exercises (luksa/kubia, taodaling/kubia).
 *
 * Listens on 0.0.0.0:8080 and answers every request with "You've hit <hostname>\n".
 * With --fail-after N (luksa/kubia-unhealthy) requests after the N-th get a 500, so liveness
 * probes eventually restart the container. Logs go to stdout unbuffered so `kubectl logs`
 * sees each line at once. SIGTERM/SIGINT exit immediately: the process is PID 1 in its
 * container and has no default signal handling there. With --ignore-sigterm (kubia-unhealthy) it
 * installs no handler, like the original Node.js server running as PID 1: the kernel then drops
 * SIGTERM, so a liveness kill waits out the grace period and ends with SIGKILL (exit code 137).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#define PORT 8080

static void on_stop(int sig) {
    (void)sig;
    _exit(0);
}

static void install_handlers(int ignore_sigterm) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    if (!ignore_sigterm) {
        sigaction(SIGTERM, &sa, NULL);
        sigaction(SIGINT, &sa, NULL);
    }
    signal(SIGPIPE, SIG_IGN);
}

static int listen_on(int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    struct sockaddr_in addr;
    if (fd < 0) { perror("socket"); exit(1); }
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) { perror("bind"); exit(1); }
    if (listen(fd, 128) < 0) { perror("listen"); exit(1); }
    return fd;
}

/*
 * Reads until the end of the request headers (bodies are ignored), bounded in time and size.
 * Returns the bytes read: 0 means a bare TCP connection (e.g. a tcpSocket probe), which is
 * neither logged nor counted.
 */
static size_t read_request(int fd) {
    char buf[8192];
    size_t used = 0;
    struct timeval timeout = {5, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    while (used < sizeof buf - 1) {
        ssize_t n = recv(fd, buf + used, sizeof buf - 1 - used, 0);
        if (n <= 0) break;
        used += (size_t)n;
        buf[used] = '\0';
        if (strstr(buf, "\r\n\r\n") || strstr(buf, "\n\n")) break;
    }
    return used;
}

static void respond(int fd, int status, const char *body) {
    char head[256];
    const char *reason = status == 200 ? "OK" : "Internal Server Error";
    int len = snprintf(head, sizeof head,
                       "HTTP/1.1 %d %s\r\nContent-Type: text/plain\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n",
                       status, reason, strlen(body));
    send(fd, head, (size_t)len, MSG_NOSIGNAL);
    send(fd, body, strlen(body), MSG_NOSIGNAL);
}

int main(int argc, char **argv) {
    long fail_after = -1, served = 0;
    int ignore_sigterm = 0;
    char hostname[256] = "unknown", body[512];
    int server;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--fail-after") == 0 && i + 1 < argc) fail_after = strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--ignore-sigterm") == 0) ignore_sigterm = 1;
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    install_handlers(ignore_sigterm);
    gethostname(hostname, sizeof hostname - 1);
    snprintf(body, sizeof body, "You've hit %s\n", hostname);

    printf("Kubia server starting...\n");
    server = listen_on(PORT);
    for (;;) {
        struct sockaddr_in peer;
        socklen_t peer_len = sizeof peer;
        char ip[INET_ADDRSTRLEN] = "?";
        int client = accept(server, (struct sockaddr *)&peer, &peer_len);
        if (client < 0) continue;
        inet_ntop(AF_INET, &peer.sin_addr, ip, sizeof ip);
        if (read_request(client) == 0) {
            close(client);
            continue;
        }
        printf("Received request from %s\n", ip);
        served++;
        if (fail_after >= 0 && served > fail_after)
            respond(client, 500, "I'm not well. Please restart me!\n");
        else
            respond(client, 200, body);
        close(client);
    }
}
