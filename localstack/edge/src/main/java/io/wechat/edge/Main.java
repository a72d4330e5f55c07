package io.wechat.edge;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.wechat.kit.config.EnvConfig;

/** Starts the local edge with the server section of application.yaml and the environment's settings. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Config config = Config.create();
        Edge edge = Edge.start(config.get("server"), EdgeConfig.from(EnvConfig.of(config)));
        Runtime.getRuntime().addShutdownHook(new Thread(edge::close, "edge-shutdown"));
    }
}
