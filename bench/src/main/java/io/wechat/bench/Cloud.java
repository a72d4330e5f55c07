package io.wechat.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The emulator the stack runs on, and the files `make up` wrote (.local/env, .local/pids). */
final class Cloud {
    static final String CALLER = "bench";
    final DynamoDbClient dynamo;
    final SnsClient sns;
    final SqsClient sqs;
    final Path local;

    Cloud(Options o) {
        this.local = o.root.resolve(".local");
        // Its own access key id, so that the emulator's request counts (GET /_local/requests) tell the bench's requests
        // from the stack's.
        var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create(CALLER, "bench"));
        URI endpoint = URI.create(o.aws);
        this.dynamo = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(creds).httpClient(UrlConnectionHttpClient.create()).build();
        this.sns = SnsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(creds).httpClient(UrlConnectionHttpClient.create()).build();
        this.sqs = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(creds).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** KEY=VALUE lines of .local/env/NAME.env. */
    Map<String, String> env(String name) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : Files.readAllLines(local.resolve("env/" + name + ".env"))) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#") || !line.contains("=")) {
                continue;
            }
            String k = line.substring(0, line.indexOf('='));
            String v = line.substring(line.indexOf('=') + 1);
            if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                v = v.substring(1, v.length() - 1);
            }
            m.put(k.replaceFirst("^export\\s+", ""), v);
        }
        return m;
    }

    /** The URL of the queue whose event source mapping feeds SERVICE, from the Terraform outputs `make up` wrote. */
    String queueUrlOf(String service) throws IOException {
        JsonNode outputs = new ObjectMapper().readTree(local.resolve("env/terraform-outputs.json").toFile());
        for (JsonNode mapping : outputs.path("event_source_mappings").path("value")) {
            if (service.equals(mapping.path("service").asText())) {
                return mapping.path("queue_url").asText();
            }
        }
        throw new IllegalStateException("no event source mapping feeds " + service);
    }

    /** The pid `make up` recorded for NAME, or -1. */
    long pid(String name) {
        try {
            return Long.parseLong(Files.readString(local.resolve("pids/" + name + ".pid")).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** VmRSS of a process in MB, or null. */
    static Double rssMb(long pid) {
        if (pid <= 0) {
            return null;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Math.round(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 * 10) / 10.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    void close() {
        dynamo.close();
        sns.close();
        sqs.close();
    }
}
