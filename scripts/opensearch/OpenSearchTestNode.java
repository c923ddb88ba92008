import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * One OpenSearch 2.19 node for es2sql's tests: the real server code from Maven Central, started
 * in-process (a Node subclass, as embedded nodes always were) with the HTTP transport (netty4)
 * as a classpath plugin.
 * Arguments: home-dir http-port transport-port cluster-name.
 */
public final class OpenSearchTestNode extends Node {
  private OpenSearchTestNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
    super(environment, plugins, true);
  }

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]);
    Settings settings = Settings.builder()
        .put("path.home", home.toString())
        .put("path.data", home.resolve("data").toString())
        .put("path.logs", home.resolve("logs").toString())
        .put("http.port", args[1])
        .put("transport.port", args[2])
        .put("cluster.name", args[3])
        .put("node.name", "es2sql-os2")
        .put("network.host", "127.0.0.1")
        .put("discovery.type", "single-node")
        .put("http.type", "netty4")
        .put("transport.type", "netty4")
        .put("cluster.routing.allocation.disk.threshold_enabled", false)
        .build();
    List<Class<? extends Plugin>> plugins = List.of(Netty4Plugin.class);
    Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "es2sql-os2");
    Node node = new OpenSearchTestNode(environment, plugins);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        node.close();
      } catch (Exception ignored) {
        // stopping anyway
      }
    }));
    node.start();
    Thread.currentThread().join();
  }
}
