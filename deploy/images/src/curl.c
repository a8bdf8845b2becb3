/*
 * curl (minimal): enough of curl for `kubectl exec <kubia pod> -- curl -s http://<ip>:<port>/path`
 * as in the Kubernetes in Action exercises. HTTP/1.0 GET only; prints the response body.
 * Options: -s (accepted, always quiet), -m SECONDS (timeout, default 10), -i (include headers).
 * Hosts must be IP addresses or names the libc resolver can handle in a scratch image.
 * Exit codes follow curl: 3 bad URL, 6 cannot resolve, 7 cannot connect, 28 timeout.
 */
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static int parse_url(const char *url, char *host, size_t host_len, char *port, size_t port_len, const char **path) {
    const char *p = url, *end;
    size_t n;
    if (strncmp(p, "http://", 7) == 0) p += 7;
    else if (strstr(p, "://")) return -1;
    end = p + strcspn(p, ":/");
    n = (size_t)(end - p);
    if (n == 0 || n >= host_len) return -1;
    memcpy(host, p, n);
    host[n] = '\0';
    snprintf(port, port_len, "80");
    if (*end == ':') {
        const char *port_end = end + 1 + strcspn(end + 1, "/");
        n = (size_t)(port_end - end - 1);
        if (n == 0 || n >= port_len) return -1;
        memcpy(port, end + 1, n);
        port[n] = '\0';
        end = port_end;
    }
    *path = *end ? end : "/";
    return 0;
}

int main(int argc, char **argv) {
    const char *url = NULL, *path;
    char host[256], port[16], request[1024], buf[8192];
    int timeout = 10, include_headers = 0, fd = -1, in_body;
    struct addrinfo hints, *res, *ai;
    struct timeval tv;
    ssize_t n;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-s") == 0 || strcmp(argv[i], "--silent") == 0) continue;
        if (strcmp(argv[i], "-i") == 0) { include_headers = 1; continue; }
        if (strcmp(argv[i], "-m") == 0 && i + 1 < argc) { timeout = atoi(argv[++i]); continue; }
        url = argv[i];
    }
    if (!url || parse_url(url, host, sizeof host, port, sizeof port, &path) != 0) {
        fprintf(stderr, "curl: (3) URL rejected: %s\n", url ? url : "(none)");
        return 3;
    }
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, port, &hints, &res) != 0) {
        fprintf(stderr, "curl: (6) Could not resolve host: %s\n", host);
        return 6;
    }
    tv.tv_sec = timeout;
    tv.tv_usec = 0;
    for (ai = res; ai; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd < 0) continue;
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) break;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) {
        fprintf(stderr, "curl: (7) Failed to connect to %s port %s\n", host, port);
        return 7;
    }
    n = snprintf(request, sizeof request, "GET %s HTTP/1.0\r\nHost: %s\r\nUser-Agent: curl/ao\r\nAccept: */*\r\n\r\n", path, host);
    if (send(fd, request, (size_t)n, 0) != n) {
        fprintf(stderr, "curl: (55) Failed sending request\n");
        return 55;
    }
    /* Print everything after the first blank line (headers too with -i). */
    in_body = include_headers;
    char window[4] = {0};
    while ((n = recv(fd, buf, sizeof buf, 0)) > 0) {
        for (ssize_t i = 0; i < n; i++) {
            if (in_body) { putchar(buf[i]); continue; }
            memmove(window, window + 1, 3);
            window[3] = buf[i];
            if (memcmp(window, "\r\n\r\n", 4) == 0) in_body = 1;
        }
    }
    if (n < 0) {
        fprintf(stderr, "curl: (28) Operation timed out\n");
        return 28;
    }
    close(fd);
    return 0;
}
