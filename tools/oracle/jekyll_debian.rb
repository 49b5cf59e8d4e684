# Loaded by tools/oracle/build.sh before Debian's Jekyll (`ruby -r`): two places where
# Debian's jekyll 4.3.1 packages differ from what sites are built with upstream.
require "jekyll"

module Jekyll
  # 1. Upstream Jekyll 4.3 reads configs and front matter with the safe_yaml gem, which keeps
  #    a scalar such as `permalink: :title` as the string ":title". Debian's package has no
  #    safe_yaml and calls Psych.safe_load(permitted_classes: [Date, Time]) instead, which
  #    stops the whole build with Psych::DisallowedClass (Symbol). Restore upstream's reading.
  module Utils
    def safe_load_yaml(yaml)
      oracle_symbols_to_strings(Psych.safe_load(yaml, permitted_classes: [Date, Time, Symbol], aliases: true))
    end

    def oracle_symbols_to_strings(obj)
      case obj
      when Symbol then ":#{obj}"
      when Hash then obj.each_with_object({}) { |(k, v), h| h[oracle_symbols_to_strings(k)] = oracle_symbols_to_strings(v) }
      when Array then obj.map { |v| oracle_symbols_to_strings(v) }
      else obj
      end
    end
  end

  # 2. Debian ships jekyll-sass-converter 2.2 (libsass through sassc); sites written for
  #    converter 3 (Dart Sass: `@use`, `meta.load-css`, `math.div`) fail to compile and the
  #    whole build stops. The oracle is about pages, ids and links, not CSS: keep the build
  #    going and write the stylesheet with an error comment, so the file still exists.
  module Converters
    class Scss
      alias_method :oracle_original_convert, :convert
      def convert(content)
        oracle_original_convert(content)
      rescue StandardError => e
        Jekyll.logger.warn "oracle:", "Sass not compiled by Debian's libsass converter (#{e.class}); empty stylesheet written"
        "/* oracle: not compiled by libsass: #{e.message.lines.first.to_s.strip.gsub('*/', '* /')} */\n"
      end
    end
  end
end
