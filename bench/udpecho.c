/* Trivial UDP echo server: the loopback reference for bench/capacity.sh.
 * Every datagram goes straight back to its sender from the same socket, one thread,
 * blocking recvfrom/sendto, default socket buffers (as the collector's media socket).
 *   cc -O2 -o /tmp/udpecho bench/udpecho.c && /tmp/udpecho 127.0.0.1 15300 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s ADDR PORT\n", argv[0]);
        return 2;
    }
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(atoi(argv[2]))};
    if (fd < 0 || inet_pton(AF_INET, argv[1], &a.sin_addr) != 1
        || bind(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        perror("udpecho");
        return 1;
    }
    char buf[2048];
    for (;;) {
        struct sockaddr_in from;
        socklen_t len = sizeof from;
        ssize_t r = recvfrom(fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &len);
        if (r < 0) {
            perror("recvfrom");
            continue;
        }
        /* a failed send is not retried: the load generator counts it as loss */
        sendto(fd, buf, (size_t)r, 0, (struct sockaddr *)&from, len);
    }
}
