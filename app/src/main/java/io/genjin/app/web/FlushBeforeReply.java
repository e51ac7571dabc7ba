package io.genjin.app.web;

import io.genjin.store.Durability;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * An API write is durable before its reply leaves: the embedded store commits its file here,
 * just before the body is written (a real MongoDB's write concern already did it).
 */
@RestControllerAdvice(basePackages = "io.genjin.app")
class FlushBeforeReply implements ResponseBodyAdvice<Object> {
    private final Durability durability;

    FlushBeforeReply(Durability durability) {
        this.durability = durability;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
            ServerHttpResponse response) {
        if (request.getMethod() != HttpMethod.GET && request.getMethod() != HttpMethod.HEAD) {
            durability.flush();
        }
        return body;
    }
}
