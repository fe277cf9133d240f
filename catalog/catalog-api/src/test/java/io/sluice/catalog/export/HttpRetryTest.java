package io.sluice.catalog.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link HttpRetry} against a JDK HTTP server that answers a scripted list of statuses and headers. */
class HttpRetryTest {
    record Answer(int status, Map<String, String> headers) {
    }

    HttpServer server;
    final Deque<Answer> answers = new ArrayDeque<>();
    int requests;
    final ExportFixtures.RecordingSleeper sleeper = new ExportFixtures.RecordingSleeper();
    final ExportFixtures.TestClock clock = new ExportFixtures.TestClock();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests++;
            Answer answer = answers.isEmpty() ? new Answer(200, Map.of()) : answers.poll();
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] body = ("answer " + answer.status()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    HttpResponse<String> send(int attempts) throws Exception {
        HttpRetry retry = new HttpRetry(attempts, Duration.ofSeconds(1), Duration.ofSeconds(60), sleeper, clock);
        return retry.send(HttpClient.newHttpClient(), HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/x")).build());
    }

    @Test
    void retryAfterAsAnHttpDateIsTheTimeUntilThatDate() throws Exception {
        // the test clock stands at 2026-11-22T02:00:00Z
        answers.add(new Answer(503, Map.of("Retry-After", "Sun, 22 Nov 2026 02:00:12 GMT")));
        assertThat(send(4).statusCode()).isEqualTo(200);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(12));
    }

    @Test
    void withoutRetryAfterTheWaitDoublesAndTheLastThrottledAnswerIsReturned() throws Exception {
        for (int i = 0; i < 4; i++) {
            answers.add(new Answer(429, Map.of("Retry-After", "soon")));
        }
        HttpResponse<String> last = send(4);
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(requests).isEqualTo(4);
    }

    @Test
    void otherAnswersAreNeverRetried() throws Exception {
        for (int status : List.of(500, 404, 401)) {
            answers.add(new Answer(status, Map.of("Retry-After", "1")));
            assertThat(send(4).statusCode()).isEqualTo(status);
        }
        assertThat(sleeper.waits).isEmpty();
        assertThat(requests).isEqualTo(3);
    }
}
