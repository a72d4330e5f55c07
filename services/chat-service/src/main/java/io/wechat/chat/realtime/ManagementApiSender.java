package io.wechat.chat.realtime;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * {@link ConnectionSender} through the AWS SDK's {@code ApiGatewayManagementApiClient}, whose endpoint is
 * {@code WEBSOCKET_MANAGEMENT_URL}: {@code https://{api-id}.execute-api.{region}.amazonaws.com/{stage}} in AWS,
 * the local edge ({@code http://127.0.0.1:8080}) locally.
 */
public final class ManagementApiSender implements ConnectionSender {
    private final ApiGatewayManagementApiClient client;

    public ManagementApiSender(ApiGatewayManagementApiClient client) {
        this.client = client;
    }

    @Override
    public void send(String connectionId, String frame) {
        try {
            client.postToConnection(b -> b.connectionId(connectionId).data(SdkBytes.fromUtf8String(frame)));
        } catch (software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException e) {
            throw new GoneException(connectionId);
        }
    }

    @Override
    public void disconnect(String connectionId) {
        try {
            client.deleteConnection(b -> b.connectionId(connectionId));
        } catch (software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException e) {
            throw new GoneException(connectionId);
        }
    }
}
