package fazt.proto.auth;

import java.util.List;

/**
 * What became of a deleted account's apps: {@code handover} is {@code transfer:<admin>}, {@code delete} or
 * {@code none}; {@code names} are the apps it applied to, {@code affected} how many.
 */
public record AppsHandedOver(String handover, int affected, List<String> names) {}
