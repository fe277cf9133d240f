package io.sluice.catalog.export;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one HTTP request for an {@link ExportSink}, again while the endpoint answers 429 (Too Many Requests) or
 * 503 (Service Unavailable): after the delay its {@code Retry-After} header asks for (seconds or an HTTP date, RFC
 * 9110 §10.2.3; Azure's {@code retry-after-ms} / {@code x-ms-retry-after-ms} first, in milliseconds), otherwise
 * after a doubling back-off. It gives up after the last attempt, or at once when the endpoint asks for a longer
 * wait than {@code maxDelay}, and returns that last answer: the {@link Exporter} then offers the event again in a
 * later drain, so a throttled endpoint never holds a run's export up for long.
 *
 * <p>Other answers and connection failures are returned or thrown at once: they are not throttling.
 */
public final class HttpRetry {
    private static final Logger LOG = LoggerFactory.getLogger(HttpRetry.class);

    /** Waits between attempts; tests pass one that records the delays instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final int maxAttempts;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final Sleeper sleeper;
    private final Clock clock;

    /**
     * @param maxAttempts attempts in all, at least 1
     * @param firstDelay  back-off after the first throttled answer without {@code Retry-After}; doubled each time
     * @param maxDelay    the longest wait between attempts; an endpoint asking for more is not waited for
     */
    public HttpRetry(int maxAttempts, Duration firstDelay, Duration maxDelay, Sleeper sleeper, Clock clock) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.firstDelay = Objects.requireNonNull(firstDelay, "firstDelay");
        this.maxDelay = Objects.requireNonNull(maxDelay, "maxDelay");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** 4 attempts, back-off 1 s, 2 s, 4 s, at most 60 s per wait, on the system clock. */
    public static HttpRetry standard() {
        return new HttpRetry(4, Duration.ofSeconds(1), Duration.ofSeconds(60),
                duration -> Thread.sleep(duration.toMillis()), Clock.systemUTC());
    }

    /** Whether {@code status} asks the client to come back later. */
    public static boolean isThrottled(int status) {
        return status == 429 || status == 503;
    }

    /** The answer to {@code request}: the first that is not throttled, or the last one. */
    public HttpResponse<String> send(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        Duration backOff = firstDelay;
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (!isThrottled(response.statusCode()) || attempt == maxAttempts) {
                return response;
            }
            Duration wait = retryAfter(response).orElse(backOff);
            if (wait.compareTo(maxDelay) > 0) {
                LOG.info("{} {} answered HTTP {} and asks to wait {}; longer than {}, left to a later export",
                        request.method(), request.uri(), response.statusCode(), wait, maxDelay);
                return response;
            }
            LOG.info("{} {} answered HTTP {}; attempt {} of {} in {}", request.method(), request.uri(),
                    response.statusCode(), attempt + 1, maxAttempts, wait);
            sleeper.sleep(wait);
            backOff = backOff.multipliedBy(2);
        }
    }

    /** The wait an answer asks for, if it says so in a form we understand. */
    Optional<Duration> retryAfter(HttpResponse<?> response) {
        for (String header : new String[] {"retry-after-ms", "x-ms-retry-after-ms"}) {
            Optional<String> millis = response.headers().firstValue(header);
            if (millis.isPresent()) {
                try {
                    return Optional.of(Duration.ofMillis(Math.max(0, Long.parseLong(millis.get().strip()))));
                } catch (NumberFormatException e) {
                    LOG.debug("ignoring malformed {}: {}", header, millis.get());
                }
            }
        }
        Optional<String> value = response.headers().firstValue("Retry-After").map(String::strip);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.get()))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                LOG.debug("ignoring malformed Retry-After: {}", value.get());
                return Optional.empty();
            }
        }
    }
}
