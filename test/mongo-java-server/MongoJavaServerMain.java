import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * Test-only MongoDB stand-in: mongo-java-server with the memory backend, wire version of MongoDB 5.0
 * (the mongodb 6.x driver needs it) and the oplog enabled so change streams work.
 * Prints "LISTENING <port>" once bound and stops when its standard input closes, so it never outlives the test run.
 */
public class MongoJavaServerMain {
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        MemoryBackend backend = new MemoryBackend();
        backend.version(ServerVersion.MONGO_5_0);
        MongoServer server = new MongoServer(backend);
        server.enableOplog();
        server.bind("127.0.0.1", port);
        System.out.println("LISTENING " + server.getLocalAddress().getPort());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        while (System.in.read() != -1) { /* wait for the parent to go away */ }
        server.shutdownNow();
        System.exit(0);
    }
}
