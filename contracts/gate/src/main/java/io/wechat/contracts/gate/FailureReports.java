package io.wechat.contracts.gate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What the failed tests of a run said, from Surefire's XML reports ({@code target/surefire-reports/TEST-*.xml}). A
 * failed pact verification's message names the interaction and, with pact-jvm's console reporter on, its mismatches
 * ("Expected blockedIdRenamed=... but was missing"); pact-jvm's JSON report says that it failed but not always why.
 */
final class FailureReports {
    private FailureReports() {
    }

    /** The reports of classes whose names end with {@code suffix} in that folder: deleted before a run of them. */
    static void delete(Path dir, String suffix) {
        for (Path report : reports(dir, suffix)) {
            try {
                Files.delete(report);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Every failure's and error's message and text in the reports of classes whose names end with {@code suffix}. */
    static List<String> read(Path dir, String suffix) {
        List<String> failures = new ArrayList<>();
        for (Path report : reports(dir, suffix)) {
            try {
                var factory = DocumentBuilderFactory.newInstance();
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                var document = factory.newDocumentBuilder().parse(report.toFile());
                for (String tag : List.of("failure", "error")) {
                    NodeList nodes = document.getElementsByTagName(tag);
                    for (int i = 0; i < nodes.getLength(); i++) {
                        Element node = (Element) nodes.item(i);
                        failures.add(node.getAttribute("message") + "\n" + node.getTextContent());
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the test report " + report, e);
            }
        }
        return failures;
    }

    private static List<Path> reports(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("TEST-")
                            && f.getFileName().toString().endsWith(suffix + ".xml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
