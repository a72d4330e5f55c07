package io.wechat.notification.push;

import java.lang.System.Logger.Level;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.wechat.notification.devices.Platform;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.EndpointDisabledException;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.SnsException;

/**
 * SNS mobile push: one platform application per platform (APNS_PLATFORM_APPLICATION_ARN,
 * FCM_PLATFORM_APPLICATION_ARN), one platform endpoint per device token, following AWS's guidance for
 * endpoint management: create, and when the endpoint already exists or was disabled, set its token and
 * enable it again.
 */
public final class SnsPushGateway implements PushGateway {
    private static final System.Logger LOG = System.getLogger(SnsPushGateway.class.getName());
    /** SNS passes this attribute to APNs as the {@code apns-collapse-id} header. */
    private static final String APNS_COLLAPSE_ID = "AWS.SNS.MOBILE.APNS.COLLAPSE_ID";
    private static final Pattern EXISTING_ENDPOINT = Pattern.compile("(arn:[^\\s]+:endpoint/[^\\s]+)");
    private final SnsClient sns;
    private final Map<Platform, String> applications;

    public SnsPushGateway(SnsClient sns, Optional<String> apnsApplicationArn, Optional<String> fcmApplicationArn) {
        this.sns = sns;
        this.applications = new EnumMap<>(Platform.class);
        apnsApplicationArn.ifPresent(arn -> applications.put(Platform.APNS, arn));
        fcmApplicationArn.ifPresent(arn -> applications.put(Platform.FCM, arn));
    }

    @Override
    public Optional<String> endpointFor(Platform platform, String token) {
        String application = applications.get(platform);
        if (application == null) {
            return Optional.empty();
        }
        String arn = createOrFind(application, token);
        Map<String, String> attributes = sns.getEndpointAttributes(b -> b.endpointArn(arn)).attributes();
        boolean disabled = "false".equalsIgnoreCase(attributes.get("Enabled"));
        if (disabled || !token.equals(attributes.get("Token"))) {
            // The same token registered again means the app holds it now: the endpoint is valid again.
            sns.setEndpointAttributes(b -> b.endpointArn(arn).attributes(Map.of("Token", token, "Enabled", "true")));
        }
        return Optional.of(arn);
    }

    private String createOrFind(String application, String token) {
        try {
            return sns.createPlatformEndpoint(b -> b.platformApplicationArn(application).token(token)).endpointArn();
        } catch (InvalidParameterException e) {
            // "Endpoint <arn> already exists with the same Token, but different attributes."
            Matcher existing = EXISTING_ENDPOINT.matcher(String.valueOf(e.awsErrorDetails().errorMessage()));
            if (!existing.find()) {
                throw e;
            }
            return existing.group(1);
        }
    }

    @Override
    public boolean publish(String endpointArn, String snsMessage, String collapseId) {
        try {
            sns.publish(b -> b.targetArn(endpointArn).messageStructure("json").message(snsMessage)
                    .messageAttributes(Map.of(APNS_COLLAPSE_ID, MessageAttributeValue.builder()
                            .dataType("String").stringValue(collapseId).build())));
            return true;
        } catch (EndpointDisabledException | NotFoundException e) {
            return false;
        } catch (InvalidParameterException e) {
            String message = String.valueOf(e.awsErrorDetails().errorMessage());
            if (message.contains("TargetArn") || message.contains("Endpoint")) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void deleteEndpoint(String endpointArn) {
        try {
            sns.deleteEndpoint(b -> b.endpointArn(endpointArn));
        } catch (SnsException e) {
            LOG.log(Level.WARNING, "Cannot delete endpoint " + endpointArn + ": " + e.getMessage());
        }
    }
}
