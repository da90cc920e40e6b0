package test.proto;
import com.google.protobuf.BlockingRpcChannel;
import com.google.protobuf.ServiceException;

/** What protoc generates for a service with java_generic_services (trimmed). */
public final class TableProtos {
  private TableProtos() {}

  public abstract static class TableService implements com.google.protobuf.Service {
    public static BlockingInterface newBlockingStub(BlockingRpcChannel channel) {
      return new BlockingStub(channel);
    }

    public interface BlockingInterface {
      String getRegion(Object controller, String request) throws ServiceException;

      String listRegions(Object controller, String request) throws ServiceException;
    }

    private static final class BlockingStub implements BlockingInterface {
      private final BlockingRpcChannel channel;

      private BlockingStub(BlockingRpcChannel channel) {
        this.channel = channel;
      }

      @Override
      public String getRegion(Object controller, String request) throws ServiceException {
        return (String) channel.callBlockingMethod("getRegion", controller, request, "");
      }

      @Override
      public String listRegions(Object controller, String request) throws ServiceException {
        return (String) channel.callBlockingMethod("listRegions", controller, request, "");
      }
    }
  }
}
