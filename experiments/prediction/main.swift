import MetaGradient
print(MetaGradientRL.version)
