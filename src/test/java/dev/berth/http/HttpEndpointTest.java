package dev.berth.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class HttpEndpointTest {

    private static final class Hello extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.getWriter().print("hello from " + req.getLocalPort());
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eachListenAddressGetsAConnectorServingTheSameServlets() throws Exception {
        try (HttpEndpoint http = HttpEndpoint.builder().listen("127.0.0.1", 0).listen("127.0.0.1", 0)
                .servlet("hello", new Hello(), "/hello").start()) {
            assertThat(http.addresses()).hasSize(2);
            for (InetSocketAddress a : http.addresses()) {
                HttpResponse<String> r = get(a.getPort(), "/hello");
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).isEqualTo("hello from " + a.getPort());
                assertThat(get(a.getPort(), "/elsewhere").statusCode()).isEqualTo(404);
            }
            assertThat(http.port()).isEqualTo(http.addresses().getFirst().getPort());
        }
    }

    @Test
    void tomcatRegistersNoJmxBeans() throws Exception {
        // registering them costs the daemon several MiB (XML descriptors parsed, the platform MBean server started)
        try (HttpEndpoint http = HttpEndpoint.builder().listen("127.0.0.1", 0).servlet("hello", new Hello(), "/hello").start()) {
            assertThat(get(http.port(), "/hello").statusCode()).isEqualTo(200);
            assertThat(java.lang.management.ManagementFactory.getPlatformMBeanServer()
                    .queryNames(new javax.management.ObjectName("Tomcat:*"), null)).isEmpty();
        }
    }

    @Test
    void aBusyAddressIsAnErrorAndNothingStaysListening() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int freePort = free.getLocalPort();
            free.close();
            assertThatThrownBy(() -> HttpEndpoint.builder().listen("127.0.0.1", freePort).listen("127.0.0.1", busy.getLocalPort())
                    .servlet("hello", new Hello(), "/hello").start())
                    .isInstanceOf(IOException.class).hasMessage("cannot listen on 127.0.0.1:" + busy.getLocalPort()
                            + " (in use, or not an address of this host)");
            assertThatThrownBy(() -> new Socket("127.0.0.1", freePort).close()).isInstanceOf(ConnectException.class);
        }
    }
}
