package io.sbc.policy.model;

/**
 * One route; the first route whose conditions hold wins.
 *
 * @param name   name shown by explain and logs
 * @param from   source realm or trunk name; null = any
 * @param match  further conditions
 * @param action trunk or reject
 */
public record Route(String name, String from, Match match, RouteAction action) {
}
