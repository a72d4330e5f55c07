package io.wechat.user;

import java.io.PrintWriter;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.logging.Logger;

import javax.sql.DataSource;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsUtilities;

/**
 * Connections to PostgreSQL (in AWS: through RDS Proxy) authenticated with RDS IAM tokens ({@code DB_IAM_AUTH=true}).
 * A token is a SigV4-presigned request valid for 15 minutes, so it is never configured once: every physical
 * connection Hikari opens asks for a fresh one (RdsUtilities signs locally, no network call). TLS is required
 * ({@code sslmode=require} unless the URL names a stricter mode): RDS Proxy refuses IAM auth without it, and the
 * token must not travel in clear text.
 */
final class IamAuthDataSource implements DataSource {
    private final String url;
    private final String user;
    private final Supplier<String> tokens;
    private int loginTimeoutSeconds;

    IamAuthDataSource(String url, String user, Supplier<String> tokens) {
        this.url = url;
        this.user = user;
        this.tokens = tokens;
    }

    /** Tokens for {@code user} at the JDBC URL's host and port, signed with {@code credentials} for {@code region}. */
    static Supplier<String> rdsTokens(String jdbcUrl, String user, Region region, AwsCredentialsProvider credentials) {
        Endpoint endpoint = Endpoint.of(jdbcUrl);
        RdsUtilities rds = RdsUtilities.builder().region(region).credentialsProvider(credentials).build();
        return () -> rds.generateAuthenticationToken(b -> b.hostname(endpoint.host()).port(endpoint.port()).username(user));
    }

    /** Host and port of a {@code jdbc:postgresql://host[:port]/db?...} URL (port 5432 when absent). */
    record Endpoint(String host, int port) {
        static Endpoint of(String jdbcUrl) {
            if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
                throw new IllegalArgumentException("Expected a jdbc:postgresql://host[:port]/database URL, got " + jdbcUrl);
            }
            URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
            if (uri.getHost() == null || uri.getHost().contains(",")) {
                throw new IllegalArgumentException("IAM authentication needs exactly one host in " + jdbcUrl);
            }
            return new Endpoint(uri.getHost(), uri.getPort() == -1 ? 5432 : uri.getPort());
        }
    }

    /** The driver properties of one new connection: the user, a fresh token as password, TLS. */
    Properties connectionProperties() {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", tokens.get());
        if (!url.contains("sslmode=")) {
            properties.setProperty("sslmode", "require");
        } else if (url.matches(".*[?&]sslmode=(disable|allow|prefer)(&.*)?$")) {
            throw new IllegalStateException("IAM authentication needs TLS: the DB_URL's sslmode must be require or stricter");
        }
        return properties;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return DriverManager.getConnection(url, connectionProperties());
    }

    /** Hikari never calls this while no username/password is set on it; the token is the only credential. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("IAM-authenticated connections take no password");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // not used
    }

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("Not a wrapper of " + type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
