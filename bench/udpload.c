/* UDP load for bench/capacity.sh: sends SIZE-byte datagrams at RATE packets/s for SECONDS to
 * ADDR:PORT, spread over SOCKETS sockets (like calls), on an absolute schedule (a batch every
 * 100 us), and counts what comes back (for an echo server). Prints one line of JSON.
 *   cc -O2 -pthread -o /tmp/udpload bench/udpload.c
 *   /tmp/udpload 127.0.0.1 15300 100000 10 196 100 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

static int nsock, *fds;
static volatile int receiving = 1;
static unsigned long received;

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void *receive(void *arg) {
    (void)arg;
    struct pollfd *p = calloc(nsock, sizeof *p);
    char buf[2048];
    for (int i = 0; i < nsock; i++) p[i] = (struct pollfd){.fd = fds[i], .events = POLLIN};
    while (receiving) {
        if (poll(p, nsock, 50) <= 0) continue;
        for (int i = 0; i < nsock; i++)
            if (p[i].revents & POLLIN)
                while (recv(fds[i], buf, sizeof buf, MSG_DONTWAIT) > 0) received++;
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 7) {
        fprintf(stderr, "usage: %s ADDR PORT RATE SECONDS SIZE SOCKETS\n", argv[0]);
        return 2;
    }
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(atoi(argv[2]))};
    inet_pton(AF_INET, argv[1], &to.sin_addr);
    double rate = atof(argv[3]), seconds = atof(argv[4]);
    size_t size = (size_t)atoi(argv[5]);
    nsock = atoi(argv[6]);
    fds = calloc(nsock, sizeof *fds);
    for (int i = 0; i < nsock; i++) {
        fds[i] = socket(AF_INET, SOCK_DGRAM, 0);
        if (fds[i] < 0 || connect(fds[i], (struct sockaddr *)&to, sizeof to) != 0) {
            perror("udpload");
            return 1;
        }
    }
    pthread_t rx;
    pthread_create(&rx, NULL, receive, NULL);
    char *buf = calloc(1, size);
    long long total = (long long)(rate * seconds), sent = 0, errors = 0;
    long long start = now_ns() + 10000000LL;
    while (sent < total) {
        long long due = (long long)((now_ns() - start) * rate / 1e9) + 1;  /* packets due by now */
        if (due > total) due = total;
        for (; sent < due; sent++) {
            memcpy(buf, &sent, sizeof sent);
            if (send(fds[sent % nsock], buf, size, 0) < 0) errors++;
        }
        struct timespec d = {0, 100000};
        nanosleep(&d, NULL);
    }
    long long end = now_ns();
    struct timespec drain = {0, 500000000};
    nanosleep(&drain, NULL);
    receiving = 0;
    pthread_join(rx, NULL);
    printf("{\"rate\": %.0f, \"seconds\": %.3f, \"sent\": %lld, \"send_errors\": %lld, \"received\": %lu, "
           "\"loss_percent\": %.4f}\n", rate, (end - start) / 1e9, sent, errors, received,
           sent ? 100.0 * (sent - (long long)received) / sent : 0.0);
    return 0;
}
