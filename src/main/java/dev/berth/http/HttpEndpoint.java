package dev.berth.http;

import dev.berth.host.FileTrees;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.modeler.Registry;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * An embedded Tomcat serving a few servlets in one context, with one connector per listen address: the one
 * HTTP server of Berth's daemon ({@code berth run --listen}: each feature adds itself as a {@link Mount}; the
 * older {@code --mcp-listen} and {@code --metrics-listen} each start one of their own). Build it with
 * {@link #builder()}, then {@link Builder#start()}.
 */
public final class HttpEndpoint implements AutoCloseable {

    /** Tomcat logs every start step at INFO; the daemon's log wants only trouble. Held here so the setting sticks. */
    private static final Logger TOMCAT_LOG = Logger.getLogger("org.apache");

    /**
     * What each connector allows.
     *
     * @param maxThreads         request threads (also the requests served at once)
     * @param connectionTimeout  milliseconds a connection may wait for its request line and headers
     * @param maxHeaderBytes     the largest request head accepted
     */
    public record ConnectorLimits(int maxThreads, int connectionTimeout, int maxHeaderBytes) {
        /** Tomcat's own defaults for timeouts and headers, with this many threads. */
        public static ConnectorLimits threads(int maxThreads) {
            return new ConnectorLimits(maxThreads, 60_000, 8192);
        }
    }

    private final Tomcat tomcat;
    private final List<Connector> connectors;
    private final Path baseDir;

    private HttpEndpoint(Tomcat tomcat, List<Connector> connectors, Path baseDir) {
        this.tomcat = tomcat;
        this.connectors = connectors;
        this.baseDir = baseDir;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The port of the first listen address, as bound (an asked-for port 0 becomes the one the system chose). */
    public int port() {
        return connectors.getFirst().getLocalPort();
    }

    /** Every listen address, with its bound port. */
    public List<InetSocketAddress> addresses() {
        return connectors.stream().map(c -> new InetSocketAddress(String.valueOf(c.getProperty("address")), c.getLocalPort()))
                .toList();
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            // stopping anyway
        } finally {
            deleteBaseDir(baseDir);
        }
    }

    private static void deleteBaseDir(Path dir) {
        try {
            FileTrees.deleteRecursively(dir);
        } catch (IOException ignored) {
            // a leftover temporary folder is harmless
        }
    }

    /** The listen addresses, servlets and filters; {@link #start()} binds every address or none. */
    public static final class Builder {
        private record Listen(String host, int port) {
        }

        private record Mounted(String name, Servlet servlet, List<String> paths) {
        }

        private record Filtered(String name, Filter filter, List<String> urlPatterns) {
        }

        private final List<Listen> listens = new ArrayList<>();
        private final List<Mounted> servlets = new ArrayList<>();
        private final List<Filtered> filters = new ArrayList<>();
        private ConnectorLimits limits = ConnectorLimits.threads(8);

        private Builder() {
        }

        /** One more connector, on {@code host} (a name or an address) and {@code port} (0: any free port). */
        public Builder listen(String host, int port) {
            listens.add(new Listen(host, port));
            return this;
        }

        public Builder limits(ConnectorLimits connectorLimits) {
            this.limits = connectorLimits;
            return this;
        }

        /** Serves {@code servlet} (asynchronous requests allowed) at each of {@code paths} (servlet mappings). */
        public Builder servlet(String name, Servlet servlet, String... paths) {
            servlets.add(new Mounted(name, servlet, List.of(paths)));
            return this;
        }

        /** Puts {@code filter} (asynchronous requests allowed) in front of the paths the {@code urlPatterns} match. */
        public Builder filter(String name, Filter filter, String... urlPatterns) {
            filters.add(new Filtered(name, filter, List.of(urlPatterns)));
            return this;
        }

        /** Lets {@code feature} add its servlets and filters. */
        public Builder mount(Mount feature) {
            feature.mountOn(this);
            return this;
        }

        /** @throws IOException when an address cannot be bound (in use, or not this host's); nothing is left running */
        public HttpEndpoint start() throws IOException {
            if (listens.isEmpty()) {
                throw new IllegalStateException("an HTTP endpoint needs a listen address");
            }
            TOMCAT_LOG.setLevel(Level.WARNING);
            // Tomcat's JMX beans: nothing here reads them, and registering them parses Tomcat's XML descriptors and
            // starts the platform MBean server (some 700 classes of XML parser, JMX and JFR: several MiB for good)
            Registry.disableRegistry();
            Path baseDir = Files.createTempDirectory("berth-http");
            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(baseDir.toString());
            List<Connector> connectors = new ArrayList<>();
            for (Listen l : listens) {
                Connector connector = new Connector();
                connector.setPort(l.port());
                connector.setProperty("address", l.host());
                connector.setProperty("maxThreads", Integer.toString(limits.maxThreads()));
                // request threads are made when requests come and end after a minute idle: an idle daemon keeps one
                connector.setProperty("minSpareThreads", "1");
                connector.setProperty("connectionTimeout", Integer.toString(limits.connectionTimeout()));
                connector.setProperty("maxHttpHeaderSize", Integer.toString(limits.maxHeaderBytes()));
                tomcat.getService().addConnector(connector);
                connectors.add(connector);
            }
            tomcat.setConnector(connectors.getFirst());
            Context ctx = tomcat.addContext("", baseDir.toString());
            if (ctx instanceof StandardContext standard) {
                // leak checks for redeployed web applications: nothing is redeployed here, and on a JVM without
                // --add-opens each stop would log two warnings
                standard.setClearReferencesThreadLocals(false);
                standard.setClearReferencesRmiTargets(false);
            }
            for (Mounted m : servlets) {
                Tomcat.addServlet(ctx, m.name(), m.servlet()).setAsyncSupported(true);
                m.paths().forEach(path -> ctx.addServletMappingDecoded(path, m.name()));
            }
            for (Filtered f : filters) {
                FilterDef def = new FilterDef();
                def.setFilterName(f.name());
                def.setFilter(f.filter());
                def.setAsyncSupported("true");
                ctx.addFilterDef(def);
                FilterMap map = new FilterMap();
                map.setFilterName(f.name());
                f.urlPatterns().forEach(map::addURLPattern);
                ctx.addFilterMap(map);
            }
            HttpEndpoint endpoint = new HttpEndpoint(tomcat, connectors, baseDir);
            try {
                tomcat.start();
            } catch (LifecycleException e) {
                endpoint.close();
                throw new IOException("cannot start the HTTP server: " + e.getMessage(), e);
            }
            // Tomcat logs a port it cannot bind and carries on without it: refuse instead
            for (int i = 0; i < connectors.size(); i++) {
                if (connectors.get(i).getLocalPort() < 0) {
                    endpoint.close();
                    Listen l = listens.get(i);
                    throw new IOException("cannot listen on " + l.host() + ":" + l.port()
                            + " (in use, or not an address of this host)");
                }
            }
            return endpoint;
        }
    }
}
