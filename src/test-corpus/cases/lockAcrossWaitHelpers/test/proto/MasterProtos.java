package test.proto;
import org.apache.hbase.thirdparty.com.google.protobuf.BlockingRpcChannel;
import org.apache.hbase.thirdparty.com.google.protobuf.ServiceException;

/** What protoc generates for a service with java_generic_services (trimmed). */
public final class MasterProtos {
  private MasterProtos() {}

  public abstract static class MasterService implements org.apache.hbase.thirdparty.com.google.protobuf.Service {
    public static BlockingInterface newBlockingStub(BlockingRpcChannel channel) {
      return new BlockingStub(channel);
    }

    public interface BlockingInterface {
      String isMasterRunning(Object controller, String request) throws ServiceException;

      String getTable(Object controller, String request) throws ServiceException;
    }

    private static final class BlockingStub implements BlockingInterface {
      private final BlockingRpcChannel channel;

      private BlockingStub(BlockingRpcChannel channel) {
        this.channel = channel;
      }

      @Override
      public String isMasterRunning(Object controller, String request) throws ServiceException {
        return (String) channel.callBlockingMethod("isMasterRunning", controller, request, "");
      }

      @Override
      public String getTable(Object controller, String request) throws ServiceException {
        return (String) channel.callBlockingMethod("getTable", controller, request, "");
      }
    }
  }
}
